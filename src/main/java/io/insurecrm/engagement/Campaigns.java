package io.insurecrm.engagement;

import io.insurecrm.crosssell.Recommendations;
import io.insurecrm.crosssell.TargetList;
import io.insurecrm.platform.security.DataScope;
import io.insurecrm.platform.web.NotFoundException;
import io.insurecrm.product.ProductLine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Campaigns: a message to an audience (a segment, a tag or a cross-sell target list) with A/B variants. The launch
 * queues the whole audience through the outbox in one statement — the audience with its variant, language and guards
 * ({@link SkipReason}), the messages rendered in SQL and inserted with the key {@code campaign:<id>:c<customer>}, and
 * one recipient row per member (primary key campaign + customer) — so launching twice sends nothing twice. The
 * dispatcher applies consent, opt-outs, quiet hours and caps again when it sends. Results count the outbox's outcome
 * per variant and the responses measured on the policy table. A campaign's audience stays within the data scope of
 * the staff member who created it.
 */
@Service
public class Campaigns {

    private static final Logger log = LoggerFactory.getLogger(Campaigns.class);
    static final int SAMPLE = 5;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final MessageTemplates templates;
    private final Recommendations recommendations;
    private final EngagementSettings settings;
    private final Clock clock;

    Campaigns(JdbcClient jdbc, TransactionTemplate tx, MessageTemplates templates, Recommendations recommendations,
              EngagementSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.templates = templates;
        this.recommendations = recommendations;
        this.settings = settings;
        this.clock = clock;
    }

    /** What a launch queued and left out. */
    public record Launch(long campaignId, int queued, int skipped) {
    }

    /** Every problem of a draft, including its templates (both languages, campaign variables only). */
    public List<RuleProblem> problems(CampaignDraft draft) {
        List<RuleProblem> problems = new ArrayList<>(draft.problems());
        for (int i = 0; i < draft.variants().size(); i++) {
            String code = draft.variants().get(i).templateCode();
            if (code == null) {
                continue;
            }
            for (String locale : MessageTemplate.LOCALES) {
                Optional<MessageTemplate> template = templates.find(code, locale);
                if (template.isEmpty()) {
                    problems.add(new RuleProblem("variants[" + i + "].templateCode", "engagement.template.notFound", code, locale));
                    continue;
                }
                for (String text : new String[] {template.get().subject(), template.get().body()}) {
                    for (String variable : MessageTemplate.variables(text)) {
                        if (!CampaignDraft.VARIABLES.contains(variable)) {
                            problems.add(new RuleProblem("variants[" + i + "].templateCode", "engagement.campaign.variable",
                                    code, locale, variable, String.join(", ", CampaignDraft.VARIABLES.stream().sorted().toList())));
                        }
                    }
                }
            }
        }
        return problems.stream().distinct().toList();
    }

    /**
     * Creates a DRAFT within the creator's scope.
     *
     * @throws EngagementRefused naming every field and reason
     */
    @Transactional
    public Campaign create(CampaignDraft draft, String by, DataScope scope) {
        refuseProblems(draft);
        OffsetDateTime now = now();
        long id = jdbc.sql("""
                        insert into engagement_campaign (name, purpose, channel, audience_kind, audience_dimension, audience_code,
                               audience_top, response_line, response_days, status, scope_all, scope_agent, scope_branch,
                               created_at, created_by, updated_at, updated_by)
                        values (:name, :purpose, :channel, :kind, :dimension, :code, :top, :line, :days, 'DRAFT', :all,
                                :agent, :branch, :now, :by, :now, :by)
                        returning id""")
                .param("name", draft.name()).param("purpose", draft.purpose().name()).param("channel", draft.channel().name())
                .param("kind", draft.audienceKind().name()).param("dimension", dimensionOf(draft), Types.VARCHAR)
                .param("code", draft.audienceCode()).param("top", topOf(draft), Types.INTEGER)
                .param("line", draft.responseLine()).param("days", draft.responseDays())
                .param("all", scope.isAll()).param("agent", scope.agentId(), Types.BIGINT)
                .param("branch", scope.branchId(), Types.BIGINT).param("now", now).param("by", by)
                .query(Long.class).single();
        insertVariants(id, draft);
        return find(id, scope);
    }

    /**
     * Replaces a DRAFT's definition.
     *
     * @throws EngagementRefused naming every field and reason, or when the campaign is no longer a draft
     */
    @Transactional
    public Campaign update(long id, CampaignDraft draft, String by, DataScope scope) {
        Campaign campaign = lock(id, scope);
        if (!campaign.status().editable()) {
            throw EngagementRefused.of("status", "engagement.campaign.notEditable", id, campaign.status());
        }
        refuseProblems(draft);
        jdbc.sql("""
                        update engagement_campaign set name = :name, purpose = :purpose, channel = :channel, audience_kind = :kind,
                               audience_dimension = :dimension, audience_code = :code, audience_top = :top,
                               response_line = :line, response_days = :days, updated_at = :now, updated_by = :by,
                               version = version + 1
                         where id = :id""")
                .param("name", draft.name()).param("purpose", draft.purpose().name()).param("channel", draft.channel().name())
                .param("kind", draft.audienceKind().name()).param("dimension", dimensionOf(draft), Types.VARCHAR)
                .param("code", draft.audienceCode()).param("top", topOf(draft), Types.INTEGER)
                .param("line", draft.responseLine()).param("days", draft.responseDays())
                .param("now", now()).param("by", by).param("id", id).update();
        jdbc.sql("delete from engagement_campaign_variant where campaign_id = :id").param("id", id).update();
        insertVariants(id, draft);
        return find(id, scope);
    }

    private void refuseProblems(CampaignDraft draft) {
        List<RuleProblem> problems = problems(draft);
        if (!problems.isEmpty()) {
            throw new EngagementRefused(problems);
        }
    }

    private static String dimensionOf(CampaignDraft draft) {
        return draft.audienceKind() == CampaignAudience.Kind.TARGET_LIST ? null : draft.audienceDimension();
    }

    private static Integer topOf(CampaignDraft draft) {
        return draft.audienceKind() == CampaignAudience.Kind.TARGET_LIST ? draft.audienceTop() : null;
    }

    private void insertVariants(long id, CampaignDraft draft) {
        List<CampaignVariant> variants = draft.labelled();
        List<int[]> ranges = CampaignSplit.ranges(variants.stream().map(CampaignVariant::percent).toList());
        for (int i = 0; i < variants.size(); i++) {
            CampaignVariant v = variants.get(i);
            jdbc.sql("""
                            insert into engagement_campaign_variant (campaign_id, label, template_code, percent, bucket_from, bucket_to)
                            values (:id, :label, :template, :percent, :from, :to)""")
                    .param("id", id).param("label", v.label()).param("template", v.templateCode()).param("percent", v.percent())
                    .param("from", ranges.get(i)[0]).param("to", ranges.get(i)[1]).update();
        }
    }

    /** The campaigns the caller's scope covers, newest first. */
    @Transactional(readOnly = true)
    public List<Campaign> list(DataScope scope) {
        List<Long> ids = scoped(jdbc.sql("select id from engagement_campaign c where " + VISIBLE + " order by id desc limit 200"), scope)
                .query(Long.class).list();
        List<Campaign> campaigns = new ArrayList<>();
        for (long id : ids) {
            campaigns.add(find(id, scope));
        }
        return campaigns;
    }

    /** A campaign the caller's scope covers (an admin's campaign: whole-book roles; a branch's: that branch). */
    private static final String VISIBLE = "(:scopeAll or c.scope_branch = :scopeBranch or c.scope_agent = :scopeAgent)";

    private static JdbcClient.StatementSpec scoped(JdbcClient.StatementSpec spec, DataScope scope) {
        return spec.param("scopeAll", scope.scopeAll()).param("scopeAgent", scope.scopeAgent())
                .param("scopeBranch", scope.scopeBranch());
    }

    /** @throws NotFoundException when there is no such campaign in the caller's scope */
    @Transactional(readOnly = true)
    public Campaign find(long id, DataScope scope) {
        return load(id, scope, false);
    }

    private Campaign lock(long id, DataScope scope) {
        return load(id, scope, true);
    }

    private Campaign load(long id, DataScope scope, boolean forUpdate) {
        List<CampaignVariant> variants = jdbc.sql("""
                        select label, template_code, percent from engagement_campaign_variant where campaign_id = :id order by label""")
                .param("id", id).query((rs, n) -> new CampaignVariant(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
        return scoped(jdbc.sql("select * from engagement_campaign c where c.id = :id and " + VISIBLE
                + (forUpdate ? " for update" : "")), scope)
                .param("id", id).query((rs, n) -> row(rs, variants)).optional()
                .orElseThrow(() -> NotFoundException.of("engagement.campaign.notFound", id));
    }

    private static Campaign row(ResultSet rs, List<CampaignVariant> variants) throws SQLException {
        return new Campaign(rs.getLong("id"), rs.getString("name"), MessagePurpose.valueOf(rs.getString("purpose")),
                Channel.valueOf(rs.getString("channel")),
                new CampaignAudience(CampaignAudience.Kind.valueOf(rs.getString("audience_kind")),
                        rs.getString("audience_dimension"), rs.getString("audience_code"), (Integer) rs.getObject("audience_top")),
                variants, ProductLine.valueOf(rs.getString("response_line")), rs.getInt("response_days"),
                CampaignStatus.valueOf(rs.getString("status")), instant(rs, "scheduled_at"), instant(rs, "launched_at"),
                instant(rs, "done_at"), instant(rs, "cancelled_at"), instant(rs, "created_at"), rs.getString("created_by"),
                rs.getInt("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The scope a campaign was created in: its audience never leaves it. */
    private DataScope scopeOf(long id) {
        return jdbc.sql("select scope_all, scope_agent, scope_branch from engagement_campaign where id = :id").param("id", id)
                .query((rs, n) -> rs.getBoolean(1) ? DataScope.all()
                        : rs.getObject(3) != null ? DataScope.branch(rs.getLong(3)) : DataScope.ownBook(rs.getLong(2)))
                .single();
    }

    /**
     * The audience with variant, language, address, skip reason and the rendered subject and body, as a WITH list
     * ending in {@code rendered}; {@link #launch} inserts from it, {@link #preview} counts it.
     */
    record Audience(String with, Map<String, Object> params) {
        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
            for (Map.Entry<String, Object> e : params.entrySet()) {
                spec = e.getValue() instanceof Long[] ids ? spec.param(e.getKey(), ids, Types.ARRAY) : spec.param(e.getKey(), e.getValue());
            }
            return spec;
        }
    }

    Audience audience(Campaign campaign) {
        DataScope scope = scopeOf(campaign.id());
        Map<String, Object> params = new HashMap<>();
        params.put("campaign", campaign.id());
        params.put("channel", campaign.channel().name());
        params.put("purpose", campaign.purpose().name());
        params.put("defaultLocale", settings.locale());
        OffsetDateTime now = now();
        params.put("dayAgo", now.minusDays(1));
        params.put("weekAgo", now.minusDays(7));
        params.put("capDay", settings.capPerDay());
        params.put("capWeek", settings.capPerWeek());
        params.put("scopeAll", scope.scopeAll());
        params.put("scopeAgent", scope.scopeAgent());
        params.put("scopeBranch", scope.scopeBranch());
        CampaignAudience audience = campaign.audience();
        String source = switch (audience.kind()) {
            case SEGMENT -> {
                params.put("dimension", audience.dimension());
                params.put("code", audience.code());
                yield """
                        select sp.customer_id from segment_placement sp
                         where sp.valid_to is null and sp.dimension = :dimension and sp.segment = :code""";
            }
            case TAG -> {
                params.put("dimension", audience.dimension());
                params.put("code", audience.code());
                yield """
                        select distinct ct.customer_id from customer_tag ct
                         where ct.removed_at is null and ct.tag_dimension = :dimension and ct.tag = :code""";
            }
            case TARGET_LIST -> {
                TargetList list = recommendations.targets(ProductLine.valueOf(audience.code()), audience.top(), scope);
                params.put("ids", list.targets().stream().map(TargetList.Target::customerId).toArray(Long[]::new));
                yield "select unnest(cast(:ids as bigint[])) as customer_id";
            }
        };
        String address = switch (campaign.channel()) {
            case SMS -> "nullif(btrim(c.phone), '')";
            case EMAIL -> "nullif(btrim(ec.email), '')";
            case PUSH -> "coalesce(nullif(btrim(ec.push_address), ''), 'app:' || c.id)";
        };
        String with = """
                with src as (%s),
                aud as materialized (
                    select c.id as customer_id, c.name as customer_name, a.name as agent_name,
                           coalesce(el.locale, :defaultLocale) as locale, v.label as variant, v.template_code,
                           %s as recipient,
                           case when exists (select 1 from engagement_opt_out o where o.customer_id = c.id and o.channel = :channel)
                                     then 'OPTED_OUT'
                                when not coalesce((select g.granted from consent g where g.customer_id = c.id and g.purpose = :purpose
                                                    order by g.recorded_at desc, g.id desc limit 1), false)
                                     then 'NO_CONSENT'
                                when %s is null then 'NO_CONTACT'
                                when (select count(*) from engagement_message m
                                       where m.customer_id = c.id and m.channel = :channel and m.status = 'SENT'
                                         and m.purpose <> 'AUTH' and m.sent_at > :dayAgo) >= :capDay
                                  or (select count(*) from engagement_message m
                                       where m.customer_id = c.id and m.channel = :channel and m.status = 'SENT'
                                         and m.purpose <> 'AUTH' and m.sent_at > :weekAgo) >= :capWeek
                                     then 'FREQUENCY_CAP'
                           end as skip_reason
                      from src
                      join customer c on c.id = src.customer_id
                      join agent a on a.id = c.agent_id
                      left join engagement_contact ec on ec.customer_id = c.id
                      left join engagement_language el on el.customer_id = c.id
                      join engagement_campaign_variant v on v.campaign_id = :campaign
                           and %s >= v.bucket_from and %s < v.bucket_to
                     where %s),
                rendered as (
                    select aud.*,
                           replace(replace(regexp_replace(t.subject, '\\{\\{\\s*(customerName|agentName)\\s*\\}\\}', '{{\\1}}', 'g'),
                                   '{{customerName}}', aud.customer_name), '{{agentName}}', aud.agent_name) as subject,
                           replace(replace(regexp_replace(t.body, '\\{\\{\\s*(customerName|agentName)\\s*\\}\\}', '{{\\1}}', 'g'),
                                   '{{customerName}}', aud.customer_name), '{{agentName}}', aud.agent_name) as body
                      from aud join engagement_template t on t.code = aud.template_code and t.locale = aud.locale)
                """.formatted(source, address, address, CampaignSplit.sql("c.id", ":campaign"),
                CampaignSplit.sql("c.id", ":campaign"), DataScope.predicate("c"));
        return new Audience(with, params);
    }

    /** What launching now would do, nothing written; the sample holds personal data (the caller audits it). */
    @Transactional(readOnly = true)
    public CampaignPreview preview(long id, DataScope scope) {
        Campaign campaign = find(id, scope);
        Audience audience = audience(campaign);
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        Map<String, Integer> perVariant = new LinkedHashMap<>();
        campaign.variants().forEach(v -> perVariant.put(v.label(), 0));
        int[] total = {0};
        audience.bind(jdbc.sql(audience.with() + " select variant, skip_reason, count(*) as n from aud group by variant, skip_reason"))
                .query((rs, n) -> {
                    int count = rs.getInt("n");
                    total[0] += count;
                    String reason = rs.getString("skip_reason");
                    if (reason == null) {
                        perVariant.merge(rs.getString("variant"), count, Integer::sum);
                    } else {
                        skipped.merge(SkipReason.valueOf(reason), count, Integer::sum);
                    }
                    return null;
                }).list();
        List<CampaignPreview.Sample> sample = audience.bind(jdbc.sql(audience.with()
                        + " select * from rendered where skip_reason is null order by customer_id limit " + SAMPLE))
                .query((rs, n) -> new CampaignPreview.Sample(rs.getLong("customer_id"), rs.getString("customer_name"),
                        rs.getString("variant"), rs.getString("locale"), rs.getString("subject"), rs.getString("body")))
                .list();
        return new CampaignPreview(id, total[0], skipped, perVariant, sample);
    }

    /**
     * Launches a DRAFT or SCHEDULED campaign now: RUNNING, its audience queued in one statement.
     *
     * @throws EngagementRefused when it is running, done or cancelled already (nothing is sent twice)
     */
    @Transactional
    public Launch launch(long id, String by, DataScope scope) {
        Campaign campaign = lock(id, scope);
        if (!campaign.status().launchable()) {
            throw EngagementRefused.of("status", "engagement.campaign.notLaunchable", id, campaign.status());
        }
        jdbc.sql("update engagement_campaign set status = 'RUNNING', launched_at = :now, updated_at = :now, updated_by = :by, version = version + 1 where id = :id")
                .param("now", now()).param("by", by).param("id", id).update();
        Launch launch = queue(campaign);
        log.info("Campaign {} launched by {}: {} queued, {} skipped", id, by, launch.queued(), launch.skipped());
        return launch;
    }

    /**
     * Queues the campaign's audience: one INSERT … SELECT of the messages (ON CONFLICT on the idempotency key) and the
     * recipients (ON CONFLICT on campaign + customer) in one statement. Run again, it queues nothing twice. The audience
     * is materialised once (hash joins, one index probe per member for consent) and each message's id is drawn from the
     * outbox's sequence beforehand, so the recipients need no join back to the inserted messages.
     */
    Launch queue(Campaign campaign) {
        Audience audience = audience(campaign);
        String sql = audience.with() + """
                ,
                numbered as materialized (
                    select r.*, case when r.skip_reason is null
                                     then nextval(pg_get_serial_sequence('engagement_message', 'id')) end as message_id
                      from rendered r),
                msgs as (
                    insert into engagement_message (id, idempotency_key, customer_id, channel, recipient, purpose, template_code,
                                                    locale, subject, body, status, next_attempt_at, occasion_key, created_at)
                    select r.message_id, 'campaign:' || :campaign || ':c' || r.customer_id, r.customer_id, :channel, r.recipient,
                           :purpose, r.template_code, r.locale, r.subject, r.body, 'QUEUED', :now, 'campaign:' || :campaign, :now
                      from numbered r
                     where r.message_id is not null
                       and not exists (select 1 from engagement_campaign_recipient x  -- judged once: never a second chance
                                        where x.campaign_id = :campaign and x.customer_id = r.customer_id)
                    on conflict (idempotency_key) do nothing),
                rec as (
                    insert into engagement_campaign_recipient (campaign_id, customer_id, variant, locale, skip_reason, message_id, added_at)
                    select :campaign, r.customer_id, r.variant, r.locale, r.skip_reason, r.message_id, :now
                      from numbered r
                    on conflict (campaign_id, customer_id) do nothing
                    returning skip_reason, message_id)
                select count(*) filter (where message_id is not null) as queued,
                       count(*) filter (where skip_reason is not null) as skipped
                  from rec""";
        return audience.bind(jdbc.sql(sql)).param("now", now())
                .query((rs, n) -> new Launch(campaign.id(), rs.getInt("queued"), rs.getInt("skipped"))).single();
    }

    /**
     * Schedules a DRAFT to be launched at {@code at} (in the future).
     *
     * @throws EngagementRefused when it is not a draft or the time is not in the future
     */
    @Transactional
    public Campaign schedule(long id, Instant at, String by, DataScope scope) {
        Campaign campaign = lock(id, scope);
        if (!campaign.status().editable()) {
            throw EngagementRefused.of("status", "engagement.campaign.notEditable", id, campaign.status());
        }
        if (at == null || !at.isAfter(clock.instant())) {
            throw EngagementRefused.of("scheduledAt", "engagement.campaign.schedule.past", at == null ? "" : at);
        }
        jdbc.sql("update engagement_campaign set status = 'SCHEDULED', scheduled_at = :at, updated_at = :now, updated_by = :by, version = version + 1 where id = :id")
                .param("at", OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)).param("now", now())
                .param("by", by).param("id", id).update();
        return find(id, scope);
    }

    /**
     * Cancels a draft, scheduled or running campaign; the messages of a running one still waiting in the outbox are
     * suppressed with the reason (those sent stay sent).
     *
     * @throws EngagementRefused when it is done or cancelled already
     */
    @Transactional
    public Campaign cancel(long id, String by, DataScope scope) {
        Campaign campaign = lock(id, scope);
        if (!campaign.status().cancellable()) {
            throw EngagementRefused.of("status", "engagement.campaign.notCancellable", id, campaign.status());
        }
        jdbc.sql("update engagement_campaign set status = 'CANCELLED', cancelled_at = :now, updated_at = :now, updated_by = :by, version = version + 1 where id = :id")
                .param("now", now()).param("by", by).param("id", id).update();
        if (campaign.status() == CampaignStatus.RUNNING) {
            jdbc.sql("""
                            update engagement_message m set status = 'SUPPRESSED', last_error = 'campaign ' || :id || ' cancelled'
                              from engagement_campaign_recipient r
                             where r.campaign_id = :id and m.id = r.message_id and m.status = 'QUEUED'""")
                    .param("id", id).update();
        }
        return find(id, scope);
    }

    /** Launches the scheduled campaigns whose time has come, each in its own transaction; returns how many. */
    int launchDue() {
        List<Long> due = jdbc.sql("select id from engagement_campaign where status = 'SCHEDULED' and scheduled_at <= :now order by scheduled_at")
                .param("now", now()).query(Long.class).list();
        int launched = 0;
        for (long id : due) {
            try {
                tx.executeWithoutResult(status -> launch(id, "schedule", DataScope.all()));
                launched++;
            } catch (EngagementRefused e) {
                log.info("Scheduled campaign {} not launched: {}", id, e.getMessage()); // launched or cancelled meanwhile
            }
        }
        return launched;
    }

    /** Marks RUNNING campaigns DONE once none of their messages waits in the outbox; returns how many. */
    @Transactional
    public int completeFinished() {
        return jdbc.sql("""
                        update engagement_campaign c set status = 'DONE', done_at = :now, updated_at = :now, updated_by = 'system',
                               version = version + 1
                         where c.status = 'RUNNING'
                           and not exists (select 1 from engagement_campaign_recipient r join engagement_message m on m.id = r.message_id
                                            where r.campaign_id = c.id and m.status = 'QUEUED')""")
                .param("now", now()).update();
    }

    /** The campaign's figures per variant (no personal data). */
    @Transactional(readOnly = true)
    public CampaignResults results(long id, DataScope scope) {
        Campaign campaign = find(id, scope);
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        jdbc.sql("""
                        select skip_reason, count(*) from engagement_campaign_recipient
                         where campaign_id = :id and skip_reason is not null group by skip_reason""")
                .param("id", id).query((rs, n) -> skipped.put(SkipReason.valueOf(rs.getString(1)), rs.getInt(2))).list();
        record Row(String label, String template, int percent, int audience, int skipped, int queued, int delivered,
                   int failed, int suppressed, int pending, int responders) {
        }
        List<Row> rows = jdbc.sql("""
                        select v.label, v.template_code, v.percent,
                               count(r.customer_id) as audience,
                               count(r.customer_id) filter (where r.skip_reason is not null) as skipped,
                               count(m.id) as queued,
                               count(m.id) filter (where m.status = 'SENT') as delivered,
                               count(m.id) filter (where m.status = 'PARKED') as failed,
                               count(m.id) filter (where m.status = 'SUPPRESSED') as suppressed,
                               count(m.id) filter (where m.status = 'QUEUED') as pending,
                               count(m.id) filter (where m.status = 'SENT' and exists (
                                   select 1 from policy p join product pr on pr.id = p.product_id
                                    where p.holder_id = r.customer_id and pr.line = :line and p.renews_policy_id is null
                                      and p.created_at >= m.sent_at
                                      and p.created_at < m.sent_at + make_interval(days => :days))) as responders
                          from engagement_campaign_variant v
                          left join engagement_campaign_recipient r on r.campaign_id = v.campaign_id and r.variant = v.label
                          left join engagement_message m on m.id = r.message_id
                         where v.campaign_id = :id
                         group by v.label, v.template_code, v.percent
                         order by v.label""")
                .param("id", id).param("line", campaign.responseLine().name()).param("days", campaign.responseDays())
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11)))
                .list();
        List<CampaignResults.VariantResult> variants = new ArrayList<>();
        Row first = rows.isEmpty() ? null : rows.get(0);
        int audience = 0;
        for (Row r : rows) {
            audience += r.audience();
            Significance test = r == first ? null : Significance.of(first.responders(), first.delivered(), r.responders(), r.delivered());
            variants.add(new CampaignResults.VariantResult(r.label(), r.template(), r.percent(), r.audience(), r.skipped(),
                    r.queued(), r.delivered(), r.failed(), r.suppressed(), r.pending(), r.responders(),
                    r.delivered() == 0 ? null : (double) r.responders() / r.delivered(), test));
        }
        return new CampaignResults(id, campaign.status(), audience, skipped, variants);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}

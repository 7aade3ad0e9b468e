package io.insurecrm.segmentation;

import io.insurecrm.platform.search.CustomerFilterChoices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The segments and tags customers have now, for the customer search: each distinct current (dimension, segment) and
 * (tag dimension, tag) read by skipping through the filter indexes (a probe per value, not a scan of the millions of
 * rows), and the clusters of the current need-cluster run, named as the clusters page names them.
 */
@Service
@Transactional(readOnly = true)
class SegmentFilterChoices implements CustomerFilterChoices {

    private static final List<String> TAG_ORDER = List.of("RISK", "VALUE", "NEED");

    private final JdbcClient jdbc;
    private final NeedClusters clusters;
    private final MessageSource messages;

    SegmentFilterChoices(JdbcClient jdbc, NeedClusters clusters, MessageSource messages) {
        this.jdbc = jdbc;
        this.clusters = clusters;
        this.messages = messages;
    }

    @Override
    public List<Group> segments(Locale locale) {
        Map<String, List<String>> byDimension = distinct("segment_placement", "dimension", "segment", "valid_to is null");
        List<Group> groups = new ArrayList<>();
        for (Dimension dimension : Dimension.values()) {
            List<String> segments = byDimension.get(dimension.name());
            if (segments != null) {
                String heading = message("segmentation.dimension." + dimension.name(), dimension.name(), locale);
                groups.add(new Group(heading, segments.stream().map(s -> new Choice(dimension.name() + ":" + s,
                        heading + " · " + message("segmentation.segment." + s, s, locale))).toList()));
            }
        }
        clusters.current().ifPresent(run -> {
            List<NeedCluster> found = clusters.clusters(run.id());
            List<String> names = ClusterNaming.renderAll(found.stream().map(NeedCluster::traits).toList(), messages, locale);
            String heading = message("segmentation.clusters.title", "CLUSTER", locale);
            List<Choice> named = new ArrayList<>();
            for (int i = 0; i < found.size(); i++) {
                named.add(new Choice("CLUSTER:" + found.get(i).clusterNo(),
                        heading + " " + found.get(i).clusterNo() + " · " + names.get(i)));
            }
            if (!named.isEmpty()) {
                groups.add(new Group(heading, named));
            }
        });
        return List.copyOf(groups);
    }

    @Override
    public List<Group> tags(Locale locale) {
        Map<String, List<String>> byDimension = distinct("customer_tag", "tag_dimension", "tag", "removed_at is null");
        List<Group> groups = new ArrayList<>();
        for (String dimension : TAG_ORDER) {
            List<String> tags = byDimension.get(dimension);
            if (tags != null) {
                String heading = message("segmentation.tagDimension." + dimension, dimension, locale);
                groups.add(new Group(heading, tags.stream().map(t -> new Choice(dimension + ":" + t,
                        heading + " · " + message("segmentation.tag." + t, t, locale))).toList()));
            }
        }
        return List.copyOf(groups);
    }

    /**
     * The distinct (first, second) pairs of the table's current rows, by first: a recursive walk that jumps from each
     * pair to the next one up the index on (first, second) under the same condition — one probe per pair. Names are
     * this class's constants.
     */
    private Map<String, List<String>> distinct(String table, String first, String second, String current) {
        String sql = """
                with recursive s(a, b) as (
                    (select %2$s, %3$s from %1$s where %4$s order by %2$s, %3$s limit 1)
                    union all
                    select n.%2$s, n.%3$s from s cross join lateral (
                        select %2$s, %3$s from %1$s
                         where %4$s and (%2$s, %3$s) > (s.a, s.b)
                         order by %2$s, %3$s limit 1) n)
                select a, b from s""".formatted(table, first, second, current);
        Map<String, List<String>> found = new LinkedHashMap<>();
        jdbc.sql(sql).query((rs, n) -> List.of(rs.getString("a"), rs.getString("b"))).list()
                .forEach(pair -> found.computeIfAbsent(pair.get(0), k -> new ArrayList<>()).add(pair.get(1)));
        return found;
    }

    private String message(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }
}

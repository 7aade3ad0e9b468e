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
        Map<String, List<String>> byDimension = distinct("""
                with recursive s(a, b) as (
                    (select dimension, segment from segment_placement where valid_to is null order by dimension, segment limit 1)
                    union all
                    select n.dimension, n.segment from s cross join lateral (
                        select dimension, segment from segment_placement
                         where valid_to is null and (dimension, segment) > (s.a, s.b)
                         order by dimension, segment limit 1) n)
                select a, b from s""");
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
        Map<String, List<String>> byDimension = distinct("""
                with recursive s(a, b) as (
                    (select tag_dimension, tag from customer_tag where removed_at is null order by tag_dimension, tag limit 1)
                    union all
                    select n.tag_dimension, n.tag from s cross join lateral (
                        select tag_dimension, tag from customer_tag
                         where removed_at is null and (tag_dimension, tag) > (s.a, s.b)
                         order by tag_dimension, tag limit 1) n)
                select a, b from s""");
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

    private Map<String, List<String>> distinct(String sql) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        jdbc.sql(sql).query((rs, n) -> List.of(rs.getString("a"), rs.getString("b"))).list()
                .forEach(pair -> found.computeIfAbsent(pair.get(0), k -> new ArrayList<>()).add(pair.get(1)));
        return found;
    }

    private String message(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }
}

package io.insurecrm.importing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code import_profile} table. */
@Repository
class ImportProfiles {

    private final JdbcClient jdbc;

    ImportProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<String> names() {
        return jdbc.sql("select name from import_profile order by name").query(String.class).list();
    }

    Optional<ImportProfile> find(String name) {
        return jdbc.sql("select name, entity, description from import_profile where name = :name").param("name", name)
                .query((rs, n) -> new ImportProfile(rs.getString("name"), rs.getString("entity"),
                        rs.getString("description"), mapping(rs.getString("name"))))
                .optional();
    }

    private Map<String, String> mapping(String name) {
        Map<String, String> mapping = new LinkedHashMap<>();
        jdbc.sql("select key, value from import_profile, jsonb_each_text(mapping) where name = :name order by key")
                .param("name", name).query(rs -> {
                    mapping.put(rs.getString("key"), rs.getString("value"));
                });
        return mapping;
    }

    void save(ImportProfile profile, java.time.Instant now) {
        jdbc.sql("""
                insert into import_profile (name, entity, description, mapping, updated_at)
                values (:name, :entity, :description, jsonb_object(cast(:keys as text[]), cast(:values as text[])), :now)
                on conflict (name) do update set entity = excluded.entity, description = excluded.description,
                       mapping = excluded.mapping, updated_at = excluded.updated_at""")
                .param("name", profile.name()).param("entity", profile.entity()).param("description", profile.description())
                .param("keys", profile.mapping().keySet().toArray(String[]::new))
                .param("values", profile.mapping().values().toArray(String[]::new))
                .param("now", java.sql.Timestamp.from(now))
                .update();
    }
}

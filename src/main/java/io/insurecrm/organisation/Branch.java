package io.insurecrm.organisation;

import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A branch office (分公司 / 支公司) in one region. */
@Table("branch")
public class Branch {

    @Id
    private Long id;
    private final String code;
    private String name;
    private final String regionCode;
    private String city;
    @Version
    private Integer version;

    @PersistenceCreator
    Branch(Long id, String code, String name, String regionCode, String city, Integer version) {
        this.id = id;
        this.code = code;
        this.name = name;
        this.regionCode = regionCode;
        this.city = city;
        this.version = version;
    }

    public static Branch open(String code, String name, String regionCode, String city) {
        Objects.requireNonNull(code, "code");
        if (regionCode == null || !regionCode.matches("\\d{2}")) {
            throw new IllegalArgumentException("A branch needs a two-digit region code, got " + regionCode);
        }
        return new Branch(null, code, Objects.requireNonNull(name, "name"), regionCode, Objects.requireNonNull(city, "city"), null);
    }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public String getRegionCode() { return regionCode; }
    public String getCity() { return city; }
}

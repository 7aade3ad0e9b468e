package io.insurecrm.product;

import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A product of the catalogue. Life and health products sit in a layer; property products in none. */
@Table("product")
public class Product {

    @Id
    private Long id;
    private final String code;
    private String nameZh;
    private String nameEn;
    private final ProductLine line;
    private final ProductLayer layer;
    private final ProductCategory category;
    private int termMonths;
    private boolean active;
    @Version
    private Integer version;

    @PersistenceCreator
    Product(Long id, String code, String nameZh, String nameEn, ProductLine line, ProductLayer layer,
            ProductCategory category, int termMonths, boolean active, Integer version) {
        this.id = id;
        this.code = code;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.line = line;
        this.layer = layer;
        this.category = category;
        this.termMonths = termMonths;
        this.active = active;
        this.version = version;
    }

    public static Product define(String code, String nameZh, String nameEn, ProductLine line, ProductLayer layer, int termMonths) {
        Objects.requireNonNull(line, "line");
        if ((line.category() == ProductCategory.LIFE_HEALTH) != (layer != null)) {
            throw new IllegalArgumentException("Life and health products need a layer, property products have none: " + code);
        }
        if (termMonths <= 0) {
            throw new IllegalArgumentException("A term is at least one month: " + code);
        }
        return new Product(null, Objects.requireNonNull(code), Objects.requireNonNull(nameZh), Objects.requireNonNull(nameEn),
                line, layer, line.category(), termMonths, true, null);
    }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public String getNameZh() { return nameZh; }
    public String getNameEn() { return nameEn; }
    public ProductLine getLine() { return line; }
    public ProductLayer getLayer() { return layer; }
    public ProductCategory getCategory() { return category; }
    public int getTermMonths() { return termMonths; }
    public boolean isActive() { return active; }

    public String name(java.util.Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }
}

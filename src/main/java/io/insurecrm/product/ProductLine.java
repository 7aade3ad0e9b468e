package io.insurecrm.product;

/** Product lines with the category and (for life and health) the layer they usually sit in. */
public enum ProductLine {
    ACCIDENT(ProductCategory.LIFE_HEALTH, ProductLayer.BASIC),
    MEDICAL(ProductCategory.LIFE_HEALTH, ProductLayer.BASIC),
    CRITICAL_ILLNESS(ProductCategory.LIFE_HEALTH, ProductLayer.ADVANCED),
    TERM_LIFE(ProductCategory.LIFE_HEALTH, ProductLayer.ADVANCED),
    WHOLE_LIFE(ProductCategory.LIFE_HEALTH, ProductLayer.WEALTH),
    ANNUITY(ProductCategory.LIFE_HEALTH, ProductLayer.WEALTH),
    EDUCATION(ProductCategory.LIFE_HEALTH, ProductLayer.WEALTH),
    LONG_TERM_CARE(ProductCategory.LIFE_HEALTH, ProductLayer.ADVANCED),
    HOME_PROPERTY(ProductCategory.PROPERTY, null),
    CORPORATE_PROPERTY(ProductCategory.PROPERTY, null),
    MOTOR(ProductCategory.PROPERTY, null),
    LIABILITY(ProductCategory.PROPERTY, null);

    private final ProductCategory category;
    private final ProductLayer typicalLayer;

    ProductLine(ProductCategory category, ProductLayer typicalLayer) {
        this.category = category;
        this.typicalLayer = typicalLayer;
    }

    public ProductCategory category() { return category; }
    public ProductLayer typicalLayer() { return typicalLayer; }
}

package io.insurecrm.customerview;

/** Where a product sits: one of the three life and health layers (三层产品体系), or the property lines beside them. */
public enum CoverageLayer {
    BASIC, ADVANCED, WEALTH, PROPERTY;

    static CoverageLayer of(String layer) {
        return layer != null ? valueOf(layer) : PROPERTY;
    }
}

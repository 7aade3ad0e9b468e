package io.insurecrm.product;

public enum ProductCategory { PROPERTY, LIFE_HEALTH }

package io.insurecrm.product;

/** 三层产品体系: basic protection, advanced protection, wealth. */
public enum ProductLayer { BASIC, ADVANCED, WEALTH }

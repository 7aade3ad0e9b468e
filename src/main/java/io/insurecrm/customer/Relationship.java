package io.insurecrm.customer;

/** A household member's relationship to the household's head (SELF). */
public enum Relationship { SELF, SPOUSE, CHILD, PARENT, OTHER }

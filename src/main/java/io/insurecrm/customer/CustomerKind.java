package io.insurecrm.customer;

public enum CustomerKind { INDIVIDUAL, CORPORATE }

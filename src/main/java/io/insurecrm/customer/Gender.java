package io.insurecrm.customer;

public enum Gender { MALE, FEMALE }

package io.insurecrm.customer;

public enum CompanySize { MICRO, SMALL, MEDIUM, LARGE }

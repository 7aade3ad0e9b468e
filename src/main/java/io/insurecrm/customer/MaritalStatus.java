package io.insurecrm.customer;

public enum MaritalStatus { SINGLE, MARRIED, DIVORCED, WIDOWED }

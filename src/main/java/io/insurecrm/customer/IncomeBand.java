package io.insurecrm.customer;

public enum IncomeBand { BELOW_50K, FROM_50K_TO_150K, FROM_150K_TO_300K, FROM_300K_TO_1M, ABOVE_1M }

package io.insurecrm.policy;

/** The channel a policy was sold through. */
public enum SalesChannel {
    AGENT, BANCASSURANCE, ONLINE, TELESALES, BROKER
}

package io.insurecrm.engagement;

/** How a message reaches a customer. */
public enum Channel {
    SMS, EMAIL, PUSH
}

package io.insurecrm.interaction;

/** Where the contact took place. */
public enum InteractionChannel {
    PHONE, BRANCH, APP, WECHAT, EMAIL, VISIT, EVENT
}

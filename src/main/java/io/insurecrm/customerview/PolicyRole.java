package io.insurecrm.customerview;

/** The customer's part in a policy: he holds it (投保人), is insured by it (被保险人), or both. */
public enum PolicyRole {
    HOLDER, INSURED, HOLDER_AND_INSURED
}

package io.insurecrm.customerview;

import java.util.List;

/** The customer's policies of one status. */
public record PolicyGroup(PolicyState status, List<PolicyLine> policies) {
}

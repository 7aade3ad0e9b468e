package io.insurecrm.customer;

import io.insurecrm.platform.web.NotFoundException;

/** No such customer, or one outside the staff member's data scope. */
public class CustomerNotFound extends NotFoundException {

    private CustomerNotFound(long id) {
        super("customer.notFound", id);
    }

    public static CustomerNotFound withId(long id) {
        return new CustomerNotFound(id);
    }
}

package io.insurecrm.crosssell;

import java.util.List;

/**
 * What is wrong with one row of an edited rule table (gap rules, incentives): the row (1-based; 0 = the table as a
 * whole), the field, a message key of the crosssell bundle and its arguments.
 */
public interface RowProblem {

    int row();

    String field();

    String code();

    List<Object> arguments();
}

package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What the gap rules look at for one person: a customer of the book (with his household) or the answers of a
 * questionnaire. {@code cover} holds the lines he has active cover in (as holder or insured) with the sum insured;
 * {@code annualIncome} may be unknown (null: a need from income counts it as zero).
 */
public record Person(Long customerId, String name, int age, String lifeStage, String relationship, int children,
                     boolean newMember, BigDecimal annualIncome, BigDecimal mortgage, Map<ProductLine, BigDecimal> cover) {

    public Person {
        cover = Map.copyOf(cover);
        mortgage = mortgage == null ? BigDecimal.ZERO : mortgage;
    }

    boolean holdsAny(Iterable<ProductLine> lines) {
        for (ProductLine line : lines) {
            if (cover.containsKey(line)) {
                return true;
            }
        }
        return false;
    }
}

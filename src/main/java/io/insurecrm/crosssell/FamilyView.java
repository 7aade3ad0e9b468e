package io.insurecrm.crosssell;

import io.insurecrm.product.ProductLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The coverage gaps of a customer's whole household (or of the customer alone when he has none), and the family
 * protection pack (家庭保障包): one product per member and suggested line, offered as one bundle with its total
 * reference premium.
 */
public record FamilyView(long customerId, String householdName, int ruleSetVersion, List<Member> members, Pack pack) {

    public FamilyView {
        members = List.copyOf(members);
    }

    public List<Gap> gaps() {
        return members.stream().flatMap(m -> m.gaps().stream()).toList();
    }

    /** A member: {@code relationship} is null for a customer without household. */
    public record Member(long customerId, String name, String relationship, int age, String lifeStage,
                         Set<ProductLine> heldLines, List<Gap> gaps) {
        public Member {
            heldLines = Set.copyOf(heldLines);
            gaps = List.copyOf(gaps);
        }
    }

    /** {@code total} adds the reference premiums known; {@code unpriced} counts items without one. */
    public record Pack(List<Item> items, BigDecimal total, int unpriced) {
        public Pack {
            items = List.copyOf(items);
        }
    }

    /**
     * One product of the pack: for a member's gap (or gaps) suggesting the line, the product of that line most held by
     * customers within ten years of the member's age, with the median annual premium they pay (null when no such
     * policy exists to price it).
     */
    public record Item(long memberId, String memberName, ProductLine line, long productId, String productCode,
                       String productNameZh, String productNameEn, BigDecimal referencePremium, List<String> ruleCodes) {
        public Item {
            ruleCodes = List.copyOf(ruleCodes);
        }

        public String productName(String language) {
            return "en".equals(language) ? productNameEn : productNameZh;
        }
    }
}

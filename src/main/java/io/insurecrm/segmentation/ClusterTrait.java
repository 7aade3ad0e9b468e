package io.insurecrm.segmentation;

/**
 * One trait a need cluster is named by: a feature whose mean over the members lies {@code z} book standard deviations
 * above (HIGH) or below (LOW) the book mean. Rendered by the message
 * {@code segmentation.clusters.trait.<FEATURE>.<HIGH|LOW>}, e.g. CHILDREN HIGH 有子女家庭, CRITICAL_ILLNESS LOW 重疾缺口.
 */
public record ClusterTrait(NeedFeature feature, Direction direction, double z) {

    public enum Direction { HIGH, LOW }

    public ClusterTrait {
        if (feature == null || direction == null || Double.isNaN(z)) {
            throw new IllegalArgumentException("a trait needs a feature, a direction and a z score");
        }
        if ((direction == Direction.HIGH) != (z > 0)) {
            throw new IllegalArgumentException("direction " + direction + " does not match z " + z);
        }
    }

    public String messageKey() {
        return "segmentation.clusters.trait." + feature + "." + direction;
    }
}

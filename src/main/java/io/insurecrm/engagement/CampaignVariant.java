package io.insurecrm.engagement;

/** One A/B variant: its label (A, B, …), the template it sends and its share of the audience in percent. */
public record CampaignVariant(String label, String templateCode, int percent) {
}

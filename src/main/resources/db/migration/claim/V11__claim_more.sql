-- Claim numbers come from a sequence so two concurrent reports never pick the same number.
create sequence claim_number_seq;

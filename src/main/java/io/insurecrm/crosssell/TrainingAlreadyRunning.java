package io.insurecrm.crosssell;

/** A training run was asked for while another is under way (pages and API answer 409). */
public class TrainingAlreadyRunning extends RuntimeException {

    TrainingAlreadyRunning() {
        super("A training run is already under way; wait for it to finish.");
    }
}

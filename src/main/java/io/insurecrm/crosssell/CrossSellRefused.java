package io.insurecrm.crosssell;

/** A cross-sell model cannot do what was asked: not trained yet, or an input it cannot use. */
public class CrossSellRefused extends RuntimeException {

    private CrossSellRefused(String message, Throwable cause) {
        super(message, cause);
    }

    static CrossSellRefused notTrained() {
        return new CrossSellRefused("the model is not trained: call train(...) before scoring", null);
    }

    static CrossSellRefused input(String source, String reason, Throwable cause) {
        return new CrossSellRefused(source + ": " + reason, cause);
    }
}

package io.insurecrm.demo.load;

/** Loading a book failed; the transaction was rolled back. */
public class BookLoadFailed extends RuntimeException {

    public BookLoadFailed(String message, Throwable cause) {
        super(message + ": " + (cause == null ? "" : cause.getMessage()), cause);
    }
}

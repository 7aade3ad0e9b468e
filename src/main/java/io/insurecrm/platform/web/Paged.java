package io.insurecrm.platform.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the rows, the zero-based page number, the page size and the total row count. */
public record Paged<T>(List<T> content, int page, int size, long total) {

    public int totalPages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < totalPages();
    }

    public <R> Paged<R> map(Function<T, R> mapper) {
        return new Paged<>(content.stream().map(mapper).toList(), page, size, total);
    }

    /** Page number and size kept within bounds: page ≥ 0, 1 ≤ size ≤ 200. */
    public static int boundedSize(int size) {
        return Math.max(1, Math.min(size, 200));
    }
}

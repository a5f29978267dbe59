package dev.switchboard.console;

/**
 * One page of a long list: which page (from 1), its size and the whole list's length, for the "previous / next" links
 * and the "21–40 of 95" line. A page past the end is shown as the last one.
 */
record Pager(int page, int size, long total) {

    static Pager of(int requested, int size, long total) {
        var last = (int) Math.max(1, (total + size - 1) / size);
        return new Pager(Math.min(Math.max(1, requested), last), size, total);
    }

    public int offset() {
        return (page - 1) * size;
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    public long from() {
        return total == 0 ? 0 : offset() + 1L;
    }

    public long to() {
        return Math.min(total, (long) page * size);
    }
}

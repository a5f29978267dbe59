package dev.switchboard.provider.http;

import java.util.ArrayList;
import java.util.List;

/**
 * One POST to a provider: URL, headers and JSON body. {@link #toString()} names the URL and header names only,
 * never their values (they carry credentials).
 */
public record UpstreamRequest(String url, List<Header> headers, byte[] body) {

    public UpstreamRequest {
        headers = List.copyOf(headers);
    }

    public List<String> values(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    @Override
    public String toString() {
        return "UpstreamRequest[" + url + ", " + headers.stream().map(Header::name).toList() + "]";
    }

    public record Header(String name, String value) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Collects headers for {@link UpstreamHttp#postJson}. */
    public static final class Builder {

        private final String url;
        private final byte[] body;
        private final List<Header> headers = new ArrayList<>();

        Builder(String url, byte[] body) {
            this.url = url;
            this.body = body;
        }

        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        public UpstreamRequest build() {
            return new UpstreamRequest(url, headers, body);
        }
    }
}

package dev.switchboard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/** Server-sent events as a client reads them: each event's name ({@code null} when it has none) and its data. */
public final class SseEvents {

    private SseEvents() {
    }

    public static List<Event> parse(Stream<String> lines) {
        var events = new ArrayList<Event>();
        String name = null;
        StringBuilder data = null;
        for (var line : (Iterable<String>) lines::iterator) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(name, data.toString()));
                }
                name = null;
                data = null;
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
            }
        }
        if (data != null) {
            events.add(new Event(name, data.toString()));
        }
        return events;
    }

    public record Event(String name, String data) {

        public JsonNode json() {
            return MockUpstream.JSON.readTree(data);
        }
    }
}

package dev.switchboard.provider;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

/** The registry: the adapter for each wire format. */
@Service
public class ChatAdapters {

    private final Map<WireFormat, ChatAdapter> byFormat = new EnumMap<>(WireFormat.class);

    ChatAdapters(List<ChatAdapter> adapters) {
        adapters.forEach(adapter -> byFormat.put(adapter.wireFormat(), adapter));
    }

    public ChatAdapter forFormat(WireFormat format) {
        var adapter = byFormat.get(format);
        if (adapter == null) {
            throw ProviderException.notSent("The " + format.name().toLowerCase(java.util.Locale.ROOT) + " wire format is not supported yet");
        }
        return adapter;
    }
}

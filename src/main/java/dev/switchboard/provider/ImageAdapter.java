package dev.switchboard.provider;

import tools.jackson.databind.node.ObjectNode;

/**
 * Generates images in one wire format. The request is OpenAI's images request with {@code model} already the
 * upstream id; the reply is OpenAI's images response, with the token usage it reported (gpt-image-1) or none.
 */
public interface ImageAdapter {

    WireFormat wireFormat();

    UpstreamReply generate(UpstreamTarget target, ObjectNode request);
}

package dev.switchboard.gateway;

/** A refusal by the gateway itself, before any upstream call: status, OpenAI error type and code, the field at fault. */
class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;

    GatewayException(int status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static GatewayException invalid(String param, String code, String message) {
        return new GatewayException(400, "invalid_request_error", code, param, message);
    }

    static GatewayException missing(String param) {
        return invalid(param, "missing_required_parameter", "Missing required parameter: '" + param + "'.");
    }

    static GatewayException modelNotFound(String model) {
        return new GatewayException(404, "invalid_request_error", "model_not_found", "model",
                "The model '" + model + "' does not exist or you do not have access to it.");
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String code() {
        return code;
    }

    String param() {
        return param;
    }
}

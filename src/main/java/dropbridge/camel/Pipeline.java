package dropbridge.camel;

import dropbridge.delivery.ApiContract;
import dropbridge.delivery.InFlightLimit;

/** A pipeline: the API contract it delivers to, and the threads that send its requests. */
record Pipeline(ApiContract<?> contract, InFlightLimit sending) {
}

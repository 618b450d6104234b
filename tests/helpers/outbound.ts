// The tests' peers (webhook, payment gateway, SMS) listen on 127.0.0.1 over http, so that is the
// one host the tests' deployment lists in OUTBOUND_ALLOWED_HOSTS; any other private address is refused.
export const TEST_ALLOWED_HOSTS: readonly string[] = ['127.0.0.1'];

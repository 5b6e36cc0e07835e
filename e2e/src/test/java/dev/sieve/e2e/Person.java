package dev.sieve.e2e;

/**
 * One simulated person with one device, and every identifier their events carry. Values are distinct and none is
 * a substring of another person's, so finding one in a table's dump means exactly that person's value leaked.
 *
 * @param group a letter per group of people ({@code a} the tracked ones, {@code b} background traffic)
 * @param n     1..99
 */
record Person(char group, int n) {

    String tag() {
        return "%c%02d".formatted(group, n);
    }

    String subjectId() {
        return "subj-" + tag();
    }

    String deviceId() {
        return "dev-" + tag();
    }

    String advertisingId() {
        return "adid-" + tag() + "-7c1d";
    }

    String uniqueDeviceIdentifier() {
        return "udid-" + tag() + "-93fe";
    }

    /** 198.51.100.0/24 (documentation range): tracked people 101..199, background 201..254. */
    String ipAddress() {
        return "198.51.100." + ((group == 'a' ? 100 : 200) + n);
    }

    /** Planted in a search query: free text that scrub_text must clean. */
    String email() {
        return "mail." + tag() + "@example.com";
    }

    /** The other party of a call: someone else's identifier. */
    String peerAccount() {
        return "peer." + tag() + "@example.org";
    }
}

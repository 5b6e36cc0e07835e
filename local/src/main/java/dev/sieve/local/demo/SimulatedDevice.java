package dev.sieve.local.demo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One device of the demo population and what stays the same about it between its events.
 *
 * @param deviceId      the app's install id
 * @param subjectId     the signed-in account, empty while nobody is signed in
 * @param region        storage region of its user (policy 6.1)
 * @param model         make and OS
 * @param osVersion     the OS version it runs
 * @param appVersion    the version of the app installed
 * @param advertisingId its advertising id; empty where the user limited ad tracking
 * @param hardwareId    an IMEI-like hardware id, where the platform lets the app read one
 * @param homeAddress   the address it is usually seen at (a documentation range)
 * @param carrier       its mobile carrier, empty for devices without a SIM
 * @param installSource where the app came from
 * @param otherSoftware other software it reports
 * @param clockSkew     how far its clock runs ahead (a few devices' clocks are set wrong)
 */
record SimulatedDevice(String deviceId, Optional<String> subjectId, String region, DemoValues.Model model,
        String osVersion, String appVersion, Optional<String> advertisingId, Optional<String> hardwareId,
        String homeAddress, Optional<String> carrier, String installSource, List<String> otherSoftware,
        Duration clockSkew) {

    SimulatedDevice {
        otherSoftware = List.copyOf(otherSoftware);
    }

    /** Identifiers only by kind: a device's identifiers must not end up in logs. */
    @Override
    public String toString() {
        return "SimulatedDevice[" + model.model() + ", " + osVersion + ", app " + appVersion + "]";
    }
}

package dev.sieve.sdk;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code software} event (software information, policy 1.2.1 (2)). Required: {@link #softwareName},
 * {@link #softwareVersion}.
 */
public final class SoftwareEventBuilder extends EventBuilder<SoftwareEventBuilder> {

    static final String FAMILY = "software";

    private String softwareName;
    private String softwareVersion;
    private String installSource;
    private List<String> otherSoftware = List.of();

    SoftwareEventBuilder(Clock clock) {
        super(clock);
    }

    /** The software component reporting (app, plug-in, library). */
    public SoftwareEventBuilder softwareName(String softwareName) {
        this.softwareName = Objects.requireNonNull(softwareName, "softwareName");
        return this;
    }

    /** Version number of that software. */
    public SoftwareEventBuilder softwareVersion(String softwareVersion) {
        this.softwareVersion = Objects.requireNonNull(softwareVersion, "softwareVersion");
        return this;
    }

    /** Store or channel the software came from; null for unknown. */
    public SoftwareEventBuilder installSource(String installSource) {
        this.installSource = installSource;
        return this;
    }

    /** Package names of other apps and software on the device; empty by default. */
    public SoftwareEventBuilder otherSoftware(List<String> otherSoftware) {
        Objects.requireNonNull(otherSoftware, "otherSoftware");
        for (int i = 0; i < otherSoftware.size(); i++) {
            Objects.requireNonNull(otherSoftware.get(i), "otherSoftware[" + i + "]");
        }
        this.otherSoftware = List.copyOf(otherSoftware);
        return this;
    }

    @Override
    String family() {
        return FAMILY;
    }

    @Override
    Map<String, Object> fields() {
        Map<String, Object> f = newFields();
        f.put("software_name", required(softwareName, "softwareName", FAMILY));
        f.put("software_version", required(softwareVersion, "softwareVersion", FAMILY));
        f.put("install_source", installSource);
        f.put("other_software", otherSoftware);
        return f;
    }
}

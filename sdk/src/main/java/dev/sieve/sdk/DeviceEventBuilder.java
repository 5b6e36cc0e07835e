package dev.sieve.sdk;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code device} event (equipment information, policy 1.2.1 (1)). Required: {@link #deviceModel},
 * {@link #osName}, {@link #osVersion}. The device class is derived by the pipeline, not sent.
 */
public final class DeviceEventBuilder extends EventBuilder<DeviceEventBuilder> {

    static final String FAMILY = "device";

    private String advertisingId;
    private String uniqueDeviceIdentifier;
    private String deviceModel;
    private String osName;
    private String osVersion;
    private Integer batteryLevel;
    private Integer signalStrengthDbm;
    private String networkType;

    DeviceEventBuilder(Clock clock) {
        super(clock);
    }

    /** Resettable advertising identifier (IDFA/GAID); null for none. */
    public DeviceEventBuilder advertisingId(String advertisingId) {
        this.advertisingId = advertisingId;
        return this;
    }

    /** Hardware identifier such as IMEI or serial number; null for none. */
    public DeviceEventBuilder uniqueDeviceIdentifier(String uniqueDeviceIdentifier) {
        this.uniqueDeviceIdentifier = uniqueDeviceIdentifier;
        return this;
    }

    /** Manufacturer model name. */
    public DeviceEventBuilder deviceModel(String deviceModel) {
        this.deviceModel = Objects.requireNonNull(deviceModel, "deviceModel");
        return this;
    }

    /** Operating system family. */
    public DeviceEventBuilder osName(String osName) {
        this.osName = Objects.requireNonNull(osName, "osName");
        return this;
    }

    /** Operating system version. */
    public DeviceEventBuilder osVersion(String osVersion) {
        this.osVersion = Objects.requireNonNull(osVersion, "osVersion");
        return this;
    }

    /** Battery charge in percent; null for unknown. */
    public DeviceEventBuilder batteryLevel(Integer batteryLevel) {
        this.batteryLevel = batteryLevel;
        return this;
    }

    /** Radio signal strength in dBm; null for unknown. */
    public DeviceEventBuilder signalStrengthDbm(Integer signalStrengthDbm) {
        this.signalStrengthDbm = signalStrengthDbm;
        return this;
    }

    /** Radio technology behind the signal strength (wifi, 4g, 5g, ...); null for unknown. */
    public DeviceEventBuilder networkType(String networkType) {
        this.networkType = networkType;
        return this;
    }

    @Override
    String family() {
        return FAMILY;
    }

    @Override
    Map<String, Object> fields() {
        Map<String, Object> f = newFields();
        f.put("advertising_id", advertisingId);
        f.put("unique_device_identifier", uniqueDeviceIdentifier);
        f.put("device_model", required(deviceModel, "deviceModel", FAMILY));
        f.put("os_name", required(osName, "osName", FAMILY));
        f.put("os_version", required(osVersion, "osVersion", FAMILY));
        f.put("battery_level", batteryLevel);
        f.put("signal_strength_dbm", signalStrengthDbm);
        f.put("network_type", networkType);
        return f;
    }
}

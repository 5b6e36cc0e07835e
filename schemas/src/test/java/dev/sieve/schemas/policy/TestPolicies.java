package dev.sieve.schemas.policy;

/** Policy text for tests that load a policy of their own. */
public final class TestPolicies {

    /** Every top-level key a policy needs but {@code purposes}: one region, a day in every topic. */
    public static final String HEAD = """
            version: 1
            max_retention: 395d
            regions:
              cn-north:
                country: CN
            topics:
              raw: 1d
              enriched: 1d
              purpose: 1d
              dlq: 1d
            """;

    private TestPolicies() {}
}

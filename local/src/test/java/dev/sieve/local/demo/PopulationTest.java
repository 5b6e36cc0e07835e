package dev.sieve.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PopulationTest {

    static final List<String> REGIONS = List.of("cn-north", "cn-east");
    static final Population POPULATION = Population.generate(42, 200, REGIONS, List.of("cross_service"));

    @Test
    void theSameSeedGivesTheSamePopulation() {
        assertThat(Population.generate(42, 200, REGIONS, List.of("cross_service"))).isEqualTo(POPULATION);
        assertThat(Population.generate(43, 200, REGIONS, List.of("cross_service"))).isNotEqualTo(POPULATION);
    }

    @Test
    void hasTheDevicesAskedForWithUniqueIdsAndUsersOnMost() {
        assertThat(POPULATION.devices()).hasSize(200);
        assertThat(POPULATION.devices().stream().map(SimulatedDevice::deviceId).distinct()).hasSize(200);
        assertThat(POPULATION.devices().stream().filter(d -> d.subjectId().isEmpty()).count()).isBetween(10L, 60L);
        assertThat(POPULATION.accounts()).doesNotHaveDuplicates().hasSize(140);
    }

    @Test
    void aUsersDevicesShareTheirRegionAndEveryRegionIsUsed() {
        POPULATION.devices().stream().filter(d -> d.subjectId().isPresent())
                .collect(Collectors.groupingBy(d -> d.subjectId().get(),
                        Collectors.mapping(SimulatedDevice::region, Collectors.toSet())))
                .values().forEach(regions -> assertThat(regions).hasSize(1));
        assertThat(POPULATION.devices().stream().map(SimulatedDevice::region).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(REGIONS);
    }

    @Test
    void someConsentSomeRefuseAndSomeWereNeverAsked() {
        List<Population.Consent> consents = POPULATION.consents();
        Set<String> asked = consents.stream().flatMap(c -> c.subjectId().stream()).collect(Collectors.toSet());

        assertThat(consents).anySatisfy(c -> assertThat(c.purposes()).containsExactly("cross_service"))
                .anySatisfy(c -> assertThat(c.purposes()).isEmpty())
                .anySatisfy(c -> assertThat(c.deviceId()).isPresent())
                .allSatisfy(c -> assertThat(c.subjectId().isPresent()).isNotEqualTo(c.deviceId().isPresent()));
        assertThat(POPULATION.accounts()).anySatisfy(a -> assertThat(asked).doesNotContain(a));
    }

    @Test
    void addressesComeFromDocumentationRangesOnly() {
        assertThat(POPULATION.devices()).allSatisfy(d -> assertThat(d.homeAddress())
                .matches("(192\\.0\\.2|198\\.51\\.100|203\\.0\\.113)\\.\\d{1,3}|2001:db8:[0-9a-f:]+"));
    }

    @Test
    void describesItselfBySizeOnly() {
        assertThat(POPULATION.toString()).doesNotContain("user-", "dev-");
        assertThat(POPULATION.devices().get(0).toString()).doesNotContain("user-", "dev-");
    }
}

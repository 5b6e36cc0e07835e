package dev.sieve.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamsStageTest {

    @Test
    void productionStartsAnonymizeBeforeEnrichSoNothingWrittenToTheEnrichedTopicsWaitsForAReader() {
        assertThat(StreamsStage.PRODUCTION).extracting(StreamsStage::name).containsExactly("anonymize", "enrich");
    }

    @Test
    void aPipelineWithoutStreamsStagesIsRefused() {
        assertThatThrownBy(() -> LocalPipeline.builder().streamsStages(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("streamsStages must name at least one stage");
    }

    @Test
    void theBuilderKeepsItsOwnCopyOfTheStages() {
        List<StreamsStage> stages = new ArrayList<>(StreamsStage.PRODUCTION);
        LocalPipelineBuilder builder = LocalPipeline.builder().streamsStages(stages);
        stages.clear();

        assertThat(builder.streamsStages).extracting(StreamsStage::name).containsExactly("anonymize", "enrich");
    }
}

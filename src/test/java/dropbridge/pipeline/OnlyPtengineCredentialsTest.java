package dropbridge.pipeline;

import static dropbridge.pipeline.Drops.awaitReport;
import static dropbridge.pipeline.Drops.drop;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deployment whose only drop feeds ptengine-profiles starts and delivers with PTENGINE_API_KEY alone. */
@QuarkusTest
@TestProfile(OnlyPtengineCredentialsTest.OnlyPtengine.class)
@QuarkusTestResource(value = CleanTestData.class, restrictToAnnotatedClass = false)
class OnlyPtengineCredentialsTest {

    public static class OnlyPtengine implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "camel.main.routes-include-pattern",
                    "file:routes/delivery.yaml,file:routes/drop-kinds.yaml,file:routes/pipelines/*.yaml,classpath:only-ptengine/drops.yaml",
                    "dropbridge.engagelab.api-key", "",
                    "dropbridge.engagelab.api-secret", "",
                    "dropbridge.rabbitpre.app-id", "",
                    "dropbridge.rabbitpre.app-secret", "");
        }
    }

    @Test
    void aPtengineOnlyDeploymentDelivers() {
        drop("ptengine-profiles", "only.csv", "user_id,plan\nu-1,gold\nu-2,free\n");

        PtenginePipelineTest.assertCounts(awaitReport("ptengine-profiles", "only.csv"), 2, 2, 0);
        assertEquals(".done", Drops.awaitMoved("ptengine-profiles", "only.csv"));
    }
}

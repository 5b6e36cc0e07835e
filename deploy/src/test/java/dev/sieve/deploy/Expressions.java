package dev.sieve.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every PromQL expression the deployment evaluates: the dashboard's panel queries and the alert rules. */
final class Expressions {

    /** @param where panel title or alert name, for messages */
    record Expression(String where, String promql) {}

    private Expressions() {}

    static JsonNode dashboard() {
        try {
            return new ObjectMapper().readTree(DeployFiles.DASHBOARD.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Expression> all() {
        List<Expression> out = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(new Expression("panel '" + panel.path("title").asText() + "'", target.path("expr").asText()));
            }
        }
        for (Object group : DeployFiles.list(DeployFiles.yaml(DeployFiles.ALERTS).get("groups"))) {
            for (Object rule : DeployFiles.list(DeployFiles.map(group).get("rules"))) {
                Map<String, Object> r = DeployFiles.map(rule);
                out.add(new Expression("alert " + r.get("alert"), String.valueOf(r.get("expr"))));
            }
        }
        return out;
    }
}

package dev.sieve.scrub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy's {@code url_routes}: per app, path templates such as {@code /account/:user/orders} whose
 * {@code :name} segments match any one segment. A path that matches a template is reported as the template, so
 * only the template's literal segments (written by the policy's authors) survive. The first matching template of
 * an app wins. The policy loader has already checked the templates' form.
 */
final class RouteTemplates {

    private final Map<String, List<String[]>> byApp = new HashMap<>();
    private final Map<String, List<String>> text = new HashMap<>();

    RouteTemplates(Map<String, List<String>> routes) {
        routes.forEach((app, templates) -> {
            List<String[]> parsed = new ArrayList<>();
            for (String t : templates) {
                parsed.add(t.substring(1).split("/", -1));
            }
            byApp.put(app, parsed);
            text.put(app, List.copyOf(templates));
        });
    }

    /**
     * The template of {@code appId} that the decoded path segments (without the leading empty one) match, or null.
     */
    String match(String appId, List<String> segments) {
        List<String[]> templates = appId == null ? null : byApp.get(appId);
        if (templates == null) {
            return null;
        }
        for (int k = 0; k < templates.size(); k++) {
            if (matches(templates.get(k), segments)) {
                return text.get(appId).get(k);
            }
        }
        return null;
    }

    private static boolean matches(String[] template, List<String> segments) {
        if (template.length != segments.size()) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            String s = segments.get(i);
            boolean placeholder = t.startsWith(":");
            if (placeholder ? s.isEmpty() : !t.equalsIgnoreCase(s)) {
                return false;
            }
        }
        return true;
    }
}

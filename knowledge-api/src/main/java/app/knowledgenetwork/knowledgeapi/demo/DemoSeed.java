package app.knowledgenetwork.knowledgeapi.demo;

import java.util.List;
import java.util.UUID;

/**
 * What the seeder did. The secrets (password, TOTP secret, recovery codes) exist only in a freshly created seed:
 * they are stored as hashes, or not at all, so a later run cannot show them again.
 */
public record DemoSeed(boolean created, String email, String password, String totpSecret, String otpauthUri, List<String> recoveryCodes,
                       UUID userId, UUID workspaceId, int documents) {

    /** Shell-sourceable lines (bin/stack keeps the first run's in .local/stack/demo-credentials.txt). */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Knowledge Network demo data (knowledge-api -Dkn.seed-demo=true).\n");
        if (created) {
            out.append("# Keep this private: it holds the demo admin's secrets, shown only this once.\n")
                    .append("# In a shell: source this file, then follow \"Try it\" in docs/graphql.md.\n")
                    .append("DEMO_SEED=created\n");
        } else {
            out.append("# Already seeded: nothing was changed. The password, TOTP secret and recovery codes were printed\n")
                    .append("# only when the demo was seeded (bin/stack keeps them in .local/stack/demo-credentials.txt).\n")
                    .append("DEMO_SEED=already-seeded\n");
        }
        out.append("DEMO_EMAIL=").append(email).append('\n');
        if (created) {
            out.append("DEMO_PASSWORD='").append(password).append("'\n")
                    .append("DEMO_TOTP_SECRET=").append(totpSecret).append('\n')
                    .append("DEMO_OTPAUTH_URI='").append(otpauthUri).append("'\n")
                    .append("DEMO_RECOVERY_CODES='").append(String.join(" ", recoveryCodes)).append("'\n");
        }
        out.append("DEMO_USER_ID=").append(userId).append('\n')
                .append("DEMO_WORKSPACE_ID=").append(workspaceId == null ? "" : workspaceId).append('\n')
                .append("DEMO_DOCUMENTS=").append(documents).append('\n');
        return out.toString();
    }
}

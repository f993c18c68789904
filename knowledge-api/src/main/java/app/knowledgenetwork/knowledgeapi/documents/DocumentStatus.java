package app.knowledgenetwork.knowledgeapi.documents;

import org.eclipse.microprofile.graphql.Description;

@Description("ACTIVE documents are listed; ARCHIVED ones are kept read-only out of the way; TRASHED ones can be restored or purged.")
public enum DocumentStatus {
    ACTIVE, ARCHIVED, TRASHED
}

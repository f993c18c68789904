package app.knowledgenetwork.keepextractor.takeout;

/** The archive broke one of the {@link TakeoutConfig} limits; reading stops there. */
class ArchiveLimitExceeded extends RuntimeException {
    ArchiveLimitExceeded(String message) {
        super(message);
    }
}

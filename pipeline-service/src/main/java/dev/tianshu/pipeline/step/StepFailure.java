package dev.tianshu.pipeline.step;

/** A step cannot complete; the message is for the user (it becomes the step's and the task's error_message). */
public class StepFailure extends RuntimeException {

    public StepFailure(String message) {
        super(message);
    }

    public StepFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

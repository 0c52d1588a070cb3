/** @odoo-module **/
/*
 * hr_mentoring_tour_mentee_day (login mentoring_test_nina, started by
 * tests/test_tour_mentor_mentee.py): the mentee's day.
 *
 * - My Mentoring > My Plan: open the welcome the mentor signed, comment and
 *   acknowledge it;
 * - My Mentoring > My Evaluations > New: feedback on the mentor, submitted;
 * - My Mentoring > Preferred Mentors: name Marc as preferred mentor;
 * - My Mentoring > Regulations: open the programme's regulations, download
 *   link shown, and acknowledge them ("I have read the regulations").
 *
 * On every screen the buttons and menus of the other roles (mentor,
 * department head, coordinator) must be absent.
 */

import { registry } from "@web/core/registry";
import {
    acknowledgeRegulations,
    evaluate,
    FORM,
    myMentoringOpener,
    noButtons,
    openMentoringApp,
    selectMany2one,
    signOff,
} from "./hr_mentoring_tour_utils";

// the other roles' buttons on each form of the mentee's screens
const EVENT_OTHERS = noButtons([
    "action_mark_done",
    "action_explain_missed",
    "action_review",
    "action_cancel",
    "action_reset_planned",
]);
const EVALUATION_OTHERS = noButtons(["action_acknowledge", "action_share", "action_reset_draft"]);

const openMyMentoring = myMentoringOpener("mentee");

registry.category("web_tour.tours").add("hr_mentoring_tour_mentee_day", {
    url: "/odoo",
    steps: () => [
        // 1. acknowledge the signed welcome
        ...openMentoringApp(),
        ...openMyMentoring("menu_my_plan"),
        {
            content: "A mentee follows the plan: no New on it",
            trigger: ".o_list_view:has(.o_data_row):not(:has(.o_list_button_add))",
        },
        {
            content: "Open the welcome the mentor signed",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=name]:contains(Welcome: explain the coach-mentoring process)",
            run: "click",
        },
        {
            content: "The mentee may acknowledge it; nobody else's buttons are there, nor New",
            trigger: `${FORM}:has(button[name=action_acknowledge]):not(:has(.o_form_button_create))${EVENT_OTHERS}`,
        },
        {
            content: "The mentor's and the head's comments are theirs",
            trigger: `${FORM}:has(.o_field_widget[name=mentor_comment].o_readonly_modifier):has(.o_field_widget[name=review_comment].o_readonly_modifier)`,
        },
        ...signOff({
            checks: [
                {
                    content: "The mentor's comment is shown",
                    trigger: `${FORM} .o_field_widget[name=mentor_comment]:contains(Explained the plan and its dates.)`,
                },
            ],
            field: "mentee_comment",
            text: "Clear, thank you.",
            button: "action_acknowledge",
            pressContent: "Acknowledge",
            doneContent: "Acknowledged; nothing is left to press for the mentee",
            done: `${FORM}:has(.o_field_widget[name=acknowledged] input:checked):not(:has(button[name=action_acknowledge]))${EVENT_OTHERS}`,
        }),

        // 2. feedback on the mentor
        ...evaluate({
            role: "mentee",
            kindSteps: [
                {
                    content: "Feedback on the mentor",
                    trigger: `${FORM} .o_field_widget[name=kind] select`,
                    run: "selectByLabel Mentee Feedback on Mentor",
                },
                {
                    content: "The mentor's criteria are listed",
                    trigger: `${FORM} .o_field_widget[name=line_ids] .o_data_cell[name=criterion_id]:contains(Supportive and Empathetic)`,
                },
            ],
            ratings: [
                ["Gives Feedback Based on Observation", "Proficient"],
                ["Supportive and Empathetic", "Role Model"],
            ],
            others: EVALUATION_OTHERS,
            submittedContent: "Submitted; only a coordinator shares it with the mentor",
        }),

        // 3. a preferred mentor
        ...openMyMentoring("menu_my_preferences"),
        {
            content: "New preference",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The mentee chooses, for herself",
            trigger: ".o_list_view .o_selected_row .o_field_widget[name=mentee_id] input:value(Nina Newcomer)",
        },
        ...selectMany2one("mentor_id", "Marc", "Marc Mentor", ".o_list_view .o_selected_row"),
        {
            content: "Save",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "Marc is Nina's preferred mentor",
            trigger: ".o_list_view:not(:has(.o_selected_row)) .o_data_row .o_data_cell[name=mentor_id]:contains(Marc Mentor)",
        },

        // 4. the programme's regulations, acknowledged
        ...openMyMentoring("menu_my_regulations"),
        ...acknowledgeRegulations(
            ".o_list_view .o_data_row:has(.o_data_cell[name=state]:contains(Waiting)) .o_data_cell[name=program_id]:contains(New Client Managers)",
            [
                {
                    content: "The form has settled on the waiting acknowledgement",
                    trigger: `${FORM}:has(.o_statusbar_status button.o_arrow_button_current[data-value=pending]) .o_form_sheet_bg .o_field_widget[name=role]`,
                },
                {
                    content: "I have read the regulations",
                    trigger: `${FORM}:has(.o_statusbar_status button.o_arrow_button_current[data-value=pending]) .o_statusbar_buttons button[name=action_acknowledge]:enabled`,
                    run: "click",
                },
            ],
            `${FORM}:has(.o_statusbar_status button.o_arrow_button_current[data-value=acknowledged]):not(:has(button[name=action_acknowledge]))`
        ),
    ],
});

/** @odoo-module **/
/*
 * The mentor's and the mentee's day on a phone (390×844, touch), started by
 * tests/test_tour_mentor_mentee.py. On a phone Odoo shows the cards (kanban)
 * of a list first, the app's menus in the sidebar of the top-left toggle, and
 * the form's header buttons in the gear menu: the sign-off, the evaluation
 * and the regulations have their own buttons in the sheet.
 *
 * hr_mentoring_tour_mentor_phone (login mentoring_test_maria):
 * - the clock > Plan Events > Today: the list shows the name first; open
 *   today's event, comment and sign it from the sign-off;
 * - My Mentoring > Events to Sign: the cards of what is due now and next, not
 *   the events further on.
 *
 * hr_mentoring_tour_mentee_phone (login mentoring_test_nina):
 * - My Plan: the welcome's card, comment and acknowledge it;
 * - My Evaluations > New: feedback on the mentor, each criterion rated from
 *   its card, submitted;
 * - Regulations: the card of the waiting regulations, acknowledged.
 */

import { registry } from "@web/core/registry";
import { acknowledgeRegulations, FORM, MODAL } from "./hr_mentoring_tour_utils";

/**
 * On a phone a many2one opens its search dialog: type ``text`` in
 * ``fieldName`` (within ``scope``), pick the card of ``pick``.
 */
function selectMany2onePhone(fieldName, text, pick, scope = FORM) {
    return [
        {
            content: `Type ${text} in ${fieldName}`,
            trigger: `${scope} .o_field_widget[name=${fieldName}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick the card of ${pick}`,
            trigger: `${MODAL} .o_kanban_view .o_kanban_record:contains(${pick})`,
            run: "click",
        },
    ];
}

/** Open the Mentoring menu ``menu`` from the phone's sidebar. */
function openPhoneMenu(menu) {
    return [
        {
            content: "Open the app's menu (top-left toggle)",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: `Open ${menu}`,
            trigger: `.o_app_menu_sidebar [data-menu-xmlid='hr_mentoring.${menu}']`,
            run: "click",
        },
    ];
}

/** Open the Mentoring app from the phone's sidebar (All Apps). */
function openPhoneApp() {
    return [
        {
            content: "Open the sidebar (top-left toggle)",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "All apps",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            content: "Open the Mentoring app",
            trigger: ".o_app_menu_sidebar .o_app[data-menu-xmlid='hr_mentoring.menu_root']",
            run: "click",
        },
        {
            content: "The sidebar is closed",
            trigger: "body:not(:has(.o_app_menu_sidebar)) .o_main_navbar .o_menu_toggle",
        },
    ];
}

/** Open the sign-off tab, write ``text`` in ``field``, press the sheet's ``button``. */
function signOff(field, text, button, content) {
    return [
        {
            content: "Open the sign-off",
            trigger: `${FORM} .o_notebook .nav-link[name=signoff]`,
            run: "click",
        },
        {
            content: `Write the comment (${field})`,
            trigger: `${FORM} .o_field_widget[name=${field}] textarea`,
            run: `edit ${text}`,
        },
        {
            content,
            trigger: `${FORM} .o_notebook button[name=${button}]:visible`,
            run: "click",
        },
    ];
}

/** On the evaluation form at phone size, rate ``criterion`` from its card. */
function ratePhone(criterion, level) {
    return [
        {
            content: `Open the card of ${criterion}`,
            trigger: `${FORM} .o_field_widget[name=line_ids] .o_kanban_record:contains(${criterion})`,
            run: "click",
        },
        ...selectMany2onePhone("level_id", level, level, MODAL),
        {
            content: `${level} is set`,
            trigger: `${MODAL} .o_field_widget[name=level_id] input:value(${level})`,
        },
        {
            content: "Keep the rating",
            trigger: `${MODAL} .modal-footer .o_form_button_save`,
            run: "click",
        },
        {
            content: `${criterion} is rated ${level}`,
            trigger: `body:not(:has(.modal)) ${FORM} .o_field_widget[name=line_ids] .o_kanban_record:contains(${criterion}):contains(${level})`,
        },
    ];
}

registry.category("web_tour.tours").add("hr_mentoring_tour_mentor_phone", {
    url: "/odoo",
    steps: () => [
        // 1. today's activity, signed from the phone
        {
            content: "Open the activities (the clock)",
            trigger: ".o_menu_systray .o-mail-ActivityMenu-counter",
            run: "click",
            // the first screen of the tour waits for the web client's first load
            timeout: 30000,
        },
        {
            content: "Open today's plan events",
            trigger: ".o-mail-ActivityGroup[data-model_name='hr.mentoring.event'] span.btn-link:contains(Today)",
            run: "click",
        },
        {
            content: "The event's name comes first in the row",
            trigger: ".o_list_view .o_data_row > td.o_data_cell:first-child[name=name]:contains(Feedback on the third working day)",
            run: "click",
        },
        ...signOff("mentor_comment", "Signed on my phone.", "action_mark_done", "Sign as done, under the comment"),
        {
            content: "Signed by the mentor",
            trigger: `${FORM}:not(:has(button[name=action_mark_done])) .o_field_widget[name=signed_by_id]:contains(Maria Mentor)`,
        },

        // 2. what is due now and next, as cards
        ...openPhoneApp(),
        ...openPhoneMenu("menu_events_to_sign"),
        {
            content: "The cards show next week's event, not the one due in two months, nor the signed one",
            trigger:
                ".o_kanban_view:has(.o_kanban_record:contains(Feedback of next week)):not(:has(.o_kanban_record:contains(Review in two months))):not(:has(.o_kanban_record:contains(Feedback on the third working day)))",
        },
        {
            content: "The card shows the event's state",
            trigger: ".o_kanban_record:contains(Feedback of next week) .o_field_widget[name=state]:contains(Planned)",
        },
    ],
});

registry.category("web_tour.tours").add("hr_mentoring_tour_mentee_phone", {
    url: "/odoo/action-hr_mentoring.hr_mentoring_event_action_my_plan",
    steps: () => [
        // 1. the signed welcome, acknowledged from its card
        {
            content: "Open the welcome's card",
            trigger: ".o_kanban_view .o_kanban_record:contains(Welcome: explain the coach-mentoring process)",
            run: "click",
            // the first screen of the tour waits for the web client's first load
            timeout: 30000,
        },
        ...signOff("mentee_comment", "Clear, thank you.", "action_acknowledge", "Acknowledge, under the comment"),
        {
            content: "Acknowledged",
            trigger: `${FORM}:not(:has(button[name=action_acknowledge])) .o_field_widget[name=acknowledged] input:checked`,
        },

        // 2. feedback on the mentor, rated from the criteria's cards
        ...openPhoneMenu("menu_my_evaluations"),
        {
            content: "New evaluation",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        ...selectMany2onePhone("pairing_id", "Nina", "Nina Newcomer"),
        {
            content: "The pairing is set",
            trigger: `${FORM} .o_field_widget[name=pairing_id] input:value(Nina Newcomer with Maria Mentor)`,
        },
        {
            content: "Feedback on the mentor",
            trigger: `${FORM} .o_field_widget[name=kind] select`,
            run: "selectByLabel Mentee Feedback on Mentor",
        },
        ...ratePhone("Gives Feedback Based on Observation", "Proficient"),
        ...ratePhone("Supportive and Empathetic", "Role Model"),
        {
            content: "Submit, at the bottom of the form",
            trigger: `${FORM} .o_form_sheet button[name=action_submit]:visible`,
            run: "click",
        },
        {
            content: "Submitted: nothing is left to submit",
            trigger: `${FORM}:has(.o_form_saved):not(:has(button[name=action_submit])) .o_field_widget[name=state]`,
        },

        // 3. the programme's regulations, acknowledged from the card
        ...openPhoneMenu("menu_my_regulations"),
        ...acknowledgeRegulations(
            ".o_kanban_view .o_kanban_record:contains(New Client Managers):contains(Waiting)",
            [
                {
                    content: "I have read the regulations, under them",
                    trigger: `${FORM} .o_form_sheet button[name=action_acknowledge]:visible`,
                    run: "click",
                },
            ],
            `${FORM}:not(:has(button[name=action_acknowledge])) .o_field_widget[name=date_acknowledged]`
        ),
    ],
});
